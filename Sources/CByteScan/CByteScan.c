/* The module is its header (inline functions); SwiftPM wants a source file for a C target. */
#include "CByteScan.h"
