// Linux APIs that Swift's Glibc module does not export: epoll, eventfd, accept4, thread names.
#ifndef CLINUXEVENTS_SHIM_H
#define CLINUXEVENTS_SHIM_H
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <pthread.h>

// glibc declares accept4 only under _GNU_SOURCE, which would clash with Swift's Glibc module.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Accepts a pending connection as a non-blocking, close-on-exec socket; -1 and errno if none.
static inline int clinux_accept_nonblocking(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// glibc declares pthread_setname_np only under _GNU_SOURCE too.
extern int pthread_setname_np(pthread_t thread, const char *name);

/// Names the calling thread (up to 15 bytes), as shown by ps, top and perf.
static inline void clinux_name_this_thread(const char *name) {
    pthread_setname_np(pthread_self(), name);
}
#endif
