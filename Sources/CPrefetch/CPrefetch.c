/* The module is its header (an inline function); SwiftPM wants a source file for a C target. */
#include "CPrefetch.h"
