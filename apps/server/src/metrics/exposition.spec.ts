import { writeExposition, type MetricFamily } from './exposition.js';

const families: MetricFamily[] = [
  {
    name: 'a_seconds_total',
    help: 'A counter\nwith \\ in help.',
    type: 'counter',
    samples: [{ labels: { id: '/x"y\\z\n' }, value: 1.5 }],
  },
  { name: 'b_bytes', help: 'A gauge.', type: 'gauge', samples: [{ labels: {}, value: Infinity }] },
  { name: 'c_empty', help: 'Nothing.', type: 'gauge', samples: [] },
  {
    name: 'd_seconds',
    help: 'A histogram.',
    type: 'histogram',
    samples: [
      { name: 'd_seconds_bucket', labels: { le: '+Inf' }, value: 2 },
      { name: 'd_seconds_count', labels: {}, value: 2 },
    ],
  },
];

describe('writeExposition', () => {
  it('writes the Prometheus text format with escaped labels and help, skipping empty families', () => {
    expect(writeExposition(families, 'prometheus')).toBe(
      '# HELP a_seconds_total A counter\\nwith \\\\ in help.\n# TYPE a_seconds_total counter\n' +
        'a_seconds_total{id="/x\\"y\\\\z\\n"} 1.5\n' +
        '# HELP b_bytes A gauge.\n# TYPE b_bytes gauge\nb_bytes +Inf\n' +
        '# HELP d_seconds A histogram.\n# TYPE d_seconds histogram\nd_seconds_bucket{le="+Inf"} 2\nd_seconds_count 2\n',
    );
  });

  it('names OpenMetrics counter families without _total and ends with # EOF', () => {
    const text = writeExposition(families, 'openmetrics');
    expect(text).toContain('# TYPE a_seconds counter\na_seconds_total{');
    expect(text.endsWith('d_seconds_count 2\n# EOF\n')).toBe(true);
  });
});
