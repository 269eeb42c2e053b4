/**
 * What a {@link PseudoFileReader} did: reads served by a cached descriptor (`batched` of them by a batch's
 * native call), descriptors opened, transient (open-read-close) reads, native batch calls (`ring` of them over
 * cgroupfs files, which the addon reads with one io_uring system call where the kernel allows it), static
 * files answered from their kept text, readParsed calls answered without parsing (the bytes had not changed).
 */
export function newReaderCounters() {
  return {
    hits: 0,
    opens: 0,
    transient: 0,
    batched: 0,
    batches: 0,
    ring: 0,
    kept: 0,
    unchanged: 0,
  };
}

export type ReaderCounters = ReturnType<typeof newReaderCounters>;
