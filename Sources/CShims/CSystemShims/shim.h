#ifndef SWIFTGRPC_CSYSTEMSHIMS_H
#define SWIFTGRPC_CSYSTEMSHIMS_H

// Linux interfaces the Glibc module does not export: epoll and eventfd.
#include <sys/epoll.h>
#include <sys/eventfd.h>

#endif
