/*
 * Shared definitions of the dproj wasm kernels. The module is built freestanding (-nostdlib): no
 * libc, no allocator. The host owns all memory: it places every array in an arena inside linear memory
 * and passes byte offsets, so a kernel never allocates and never fails for lack of memory.
 */
#ifndef DPROJ_COMMON_H
#define DPROJ_COMMON_H

#include <stdint.h>
#include <wasm_simd128.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef uint8_t u8;

/* Exported under its C name; everything else may be inlined away. */
#define EXPORT __attribute__((visibility("default")))

/*
 * Host allocations carry at least this many readable bytes past their end, so a 16-float vector load
 * at a row's tail may read past it; those lanes are masked or never stored.
 */
#define SLACK_BYTES 256

#endif
