// Linux event APIs that Swift's Glibc module does not export: epoll, eventfd, accept4.
#ifndef CLINUXEVENTS_SHIM_H
#define CLINUXEVENTS_SHIM_H
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// glibc declares accept4 only under _GNU_SOURCE, which would clash with Swift's Glibc module.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Accepts a pending connection as a non-blocking, close-on-exec socket; -1 and errno if none.
static inline int clinux_accept_nonblocking(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}
#endif
