import { get } from './lib/requests.js';
import { thresholds } from './lib/config.js';

const baseline = JSON.parse(open('../baselines/smoke.json'));

export const options = {
  vus: 2,
  duration: '30s',
  thresholds: thresholds(baseline),
};

export default function () {
  get('/healthz', 'healthz');
  get('/v1/genes/BRCA1', 'gene');
  get('/v1/variants?gene=TP53&limit=10', 'variants');
}
