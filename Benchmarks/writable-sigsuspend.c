/* Preloaded into the benchmark servers when they run under valgrind (rpc-bench.py,
 * instructions_per_call; README.md explains why).
 *
 * libdispatch's dispatch_main(), which a Swift async main ends in on Linux, parks the main
 * thread for good in sigsuspend() on a `static const sigset_t`, which lives in read-only
 * memory. Valgrind's rt_sigsuspend wrapper deletes its own signal from the caller's mask in
 * place, faults on that read-only page and aborts the whole run. This sigsuspend hands the
 * real one a writable copy of the mask instead: same signals, same behaviour.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

typedef int (*sigsuspend_function)(const sigset_t *);

int sigsuspend(const sigset_t *mask) {
    static sigsuspend_function next;
    if (next == 0) {
        next = (sigsuspend_function)dlsym(RTLD_NEXT, "sigsuspend");
    }
    sigset_t writable = *mask;
    return next(&writable);
}
