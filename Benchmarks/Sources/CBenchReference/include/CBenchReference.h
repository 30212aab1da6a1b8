#ifndef CBENCHREFERENCE_H
#define CBENCHREFERENCE_H

#include <stddef.h>
#include <stdint.h>

/* The floor for reading X12: one pass that touches each byte once and counts segment terminators and element
   separators. Nothing can read an interchange faster than this loop. */
size_t dg_count_delimiters(const uint8_t *bytes, size_t length, uint8_t element, uint8_t segment);

#endif
