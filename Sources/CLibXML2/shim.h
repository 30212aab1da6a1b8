/* Debian's libxml2 is built with ICU: libxml/encoding.h then includes the system <unicode/ucnv.h>,
   whose definitions clash with the toolchain's _FoundationICU module in any Swift module that also
   imports Foundation. The ICU part only adds trailing fields to xmlCharEncodingHandler, which we never
   allocate or embed, so hide it. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/parser.h>

/* xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state. */
static inline void cxml_free(void *p) { xmlFree(p); }
