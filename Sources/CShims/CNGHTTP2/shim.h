#ifndef SWIFTGRPC_CNGHTTP2_SHIM_H
#define SWIFTGRPC_CNGHTTP2_SHIM_H

#include <string.h>
#include <nghttp2/nghttp2.h>

// Swift sees nghttp2_frame as a union it cannot switch over conveniently; these read the
// fields a gRPC transport needs.
static inline uint8_t swiftgrpc_frame_type(const nghttp2_frame *frame) { return frame->hd.type; }
static inline uint8_t swiftgrpc_frame_flags(const nghttp2_frame *frame) { return frame->hd.flags; }
static inline int32_t swiftgrpc_frame_stream_id(const nghttp2_frame *frame) { return frame->hd.stream_id; }
static inline int swiftgrpc_frame_headers_category(const nghttp2_frame *frame) { return frame->headers.cat; }
static inline uint32_t swiftgrpc_frame_rst_error_code(const nghttp2_frame *frame) { return frame->rst_stream.error_code; }
static inline uint32_t swiftgrpc_frame_goaway_error_code(const nghttp2_frame *frame) { return frame->goaway.error_code; }
static inline int32_t swiftgrpc_frame_goaway_last_stream_id(const nghttp2_frame *frame) { return frame->goaway.last_stream_id; }
static inline const uint8_t *swiftgrpc_frame_goaway_debug_data(const nghttp2_frame *frame) { return frame->goaway.opaque_data; }
static inline size_t swiftgrpc_frame_goaway_debug_data_length(const nghttp2_frame *frame) { return frame->goaway.opaque_data_len; }
static inline uint64_t swiftgrpc_frame_ping_payload(const nghttp2_frame *frame) {
    uint64_t payload;
    memcpy(&payload, frame->ping.opaque_data, sizeof payload);
    return payload;
}

#endif
