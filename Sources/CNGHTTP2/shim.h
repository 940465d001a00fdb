// The libnghttp2 headers, as a Swift module. Debian's libnghttp2-dev installs them.
#ifndef CNGHTTP2_SHIM_H
#define CNGHTTP2_SHIM_H
#include <nghttp2/nghttp2.h>
#endif
