import { KatamonError, type Sample, type SchemaName, type StatsEvent } from '@katamon/core';

/**
 * The stats event of one sample; `full` carries the sample's metadata (timestamp, sources, issues, identity): the
 * sample itself serves as that metadata (the encoder reads only those fields), so an event costs one object.
 */
export function sampleToEvent(sample: Sample): StatsEvent {
  return { type: 'stats', id: sample.id, data: sample.stats, sample };
}

/**
 * kata and runc print nothing for a sample they could not fully read (they log the error and skip the
 * tick), and their consumers cannot tell a zero left by a failed read from a real zero: so a sample with
 * issues is a failed sample in those schemas. `full` prints it with its issues inline.
 */
export function sampleFailure(sample: Sample, schema: SchemaName): KatamonError | undefined {
  if (schema === 'full' || sample.issues.length === 0) return undefined;
  // A vanished container explains every other problem of the sample.
  const kind = (
    sample.issues.some((i) => i.kind === 'gone') ? 'gone' : (sample.issues[0]?.kind ?? 'io')
  ) as KatamonError['kind'];
  const detail = sample.issues.map((i) => `${i.source}: ${i.message}`).join('; ');
  return new KatamonError(kind, `unable to get container stats: ${detail}`);
}
