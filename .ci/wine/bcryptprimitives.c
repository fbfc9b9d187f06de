/* Test-only, never shipped: Wine 8.0 has no bcryptprimitives.dll, whose ProcessPrng Rust's
 * standard library imports for random numbers (Windows 10 and 11 have it). This forwards it to
 * advapi32's RtlGenRandom (SystemFunction036), which Wine has. .ci/wine-test.sh builds it with
 * mingw-w64 into the test's Wine prefix, so that leadq.exe starts there. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
