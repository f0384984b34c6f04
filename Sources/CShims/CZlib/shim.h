#ifndef SWIFTGRPC_CZLIB_SHIM_H
#define SWIFTGRPC_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros Swift cannot call.
static inline int swiftgrpc_deflate_init(z_stream *stream, int windowBits) {
    return deflateInit2(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

static inline int swiftgrpc_inflate_init(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
