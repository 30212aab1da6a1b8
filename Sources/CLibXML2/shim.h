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

/* Problems libxml2 meets outside a reader's structured error handler (an encoding switch while a reader is being
   set up, say) go to its per-thread generic handler, which prints to stderr. The reader reports its own problems,
   so the generic handler discards them; it is variadic, so it is written here, not in Swift. */
static inline void cxml_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void cxml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, cxml_discard_generic_error); }
