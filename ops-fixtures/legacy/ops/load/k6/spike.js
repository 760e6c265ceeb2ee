import { get } from './lib/requests.js';
import { thresholds } from './lib/config.js';

const baseline = JSON.parse(open('../baselines/spike.json'));

export const options = {
  scenarios: {
    spike: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '30s', target: 20 },
        { duration: '30s', target: 300 },
        { duration: '3m', target: 300 },
        { duration: '1m', target: 0 },
      ],
    },
  },
  thresholds: thresholds(baseline),
};

export default function () {
  get('/v1/genes/TP53', 'gene');
}
