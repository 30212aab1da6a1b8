#include "CBenchReference.h"

size_t dg_count_delimiters(const uint8_t *bytes, size_t length, uint8_t element, uint8_t segment) {
    size_t count = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t b = bytes[i];
        count += (b == element) | (b == segment);
    }
    return count;
}
