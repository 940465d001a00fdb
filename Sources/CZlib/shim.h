// zlib, the deflate implementation behind gRPC's gzip and deflate message encodings.
#include <zlib.h>
