#ifndef CPREFETCH_H
#define CPREFETCH_H

/* A hint that `address` will be read soon: the cache line is fetched while the processor goes on, instead of the
   first read waiting for it. Swift has no prefetch of its own; routing issues these for the catalog slots and stock
   rows an order will read, before the checks that come first, so that their cache misses overlap that work. */
static inline void dg_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
