#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Sixteen bytes looked at in one step, for the X12 reader and validator: Swift's SIMD types compare lanes but cannot
   turn the comparison into a bit mask, which is what a scanner wants (a set bit per marked byte, taken lowest first).
   SSE2 is part of every x86-64 processor; elsewhere the same answers come from a plain loop. Each function reads
   exactly the sixteen bytes at `p`: the caller makes sure they are inside its buffer. */

/* Bit i set where p[i] == byte. */
static inline uint32_t dg_match16(const uint8_t *p, uint8_t byte) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)byte)));
#else
    uint32_t mask = 0;
    for (int i = 0; i < 16; i++) mask |= (uint32_t)(p[i] == byte) << i;
    return mask;
#endif
}

/* The X12 byte classes of the sixteen bytes at p, as two masks: bit i of the low half set where p[i] is the element
   separator; bit i of the high half where it is not, but is the component or the repetition separator, or a control
   byte (below 0x20). An interchange without a repetition separator passes its component separator twice. */
static inline uint32_t dg_classify16(const uint8_t *p, uint8_t separator, uint8_t component, uint8_t repetition) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i separators = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)separator));
    __m128i delimiters = _mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8((char)component)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)repetition)));
    /* v <= 0x1F, unsigned: the lesser of v and 0x1F is v. */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    uint32_t low = (uint32_t)_mm_movemask_epi8(separators);
    uint32_t high = (uint32_t)_mm_movemask_epi8(_mm_or_si128(delimiters, control)) & ~low;
    return low | high << 16;
#else
    uint32_t low = 0, high = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t b = p[i];
        if (b == separator) low |= 1u << i;
        else if (b == component || b == repetition || b < 0x20) high |= 1u << i;
    }
    return low | high << 16;
#endif
}

#endif
