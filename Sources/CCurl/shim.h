// libcurl (Debian's libcurl4-openssl-dev) as a Swift module. curl_easy_setopt and
// curl_easy_getinfo are variadic, which Swift cannot call: the few options the HTTPS client
// sets are set here.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

/// Receives bytes of the response body or one header line (CURLOPT_WRITEFUNCTION's shape).
typedef size_t (*ccurl_receive)(char *bytes, size_t size, size_t count, void *context);

/// Prepares `handle` for one POST of `body` (`length` bytes, not copied: keep it alive until
/// curl_easy_perform returns) to `url` with `headers`, no signals (threads), a whole-transfer
/// timeout, TLS verification against `ca_file` when not NULL (else the system's CAs), and
/// the body and header lines handed to the callbacks with `context`. Returns the first error.
static inline CURLcode ccurl_prepare_post(
    CURL *handle, const char *url, struct curl_slist *headers, const char *body, long length,
    const char *ca_file, long timeout_ms, char *error_buffer,
    ccurl_receive on_body, ccurl_receive on_header, void *context) {
    CURLcode code = CURLE_OK;
    if (!code) code = curl_easy_setopt(handle, CURLOPT_URL, url);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!code) code = curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_POST, 1L);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, length);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body);
    if (!code && ca_file) code = curl_easy_setopt(handle, CURLOPT_CAINFO, ca_file);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_WRITEDATA, context);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    if (!code) code = curl_easy_setopt(handle, CURLOPT_HEADERDATA, context);
    return code;
}

/// The last response's HTTP status code (CURLINFO_RESPONSE_CODE), 0 when none came.
static inline long ccurl_response_code(CURL *handle) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return status;
}
#endif
