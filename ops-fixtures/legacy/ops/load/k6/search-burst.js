import { get } from './lib/requests.js';
import { thresholds } from './lib/config.js';

const baseline = JSON.parse(open('../baselines/search-burst.json'));
const terms = open('./data/search-terms.txt').split('\n').filter(Boolean);

export const options = {
  scenarios: {
    burst: { executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '3m', preAllocatedVUs: 50 },
  },
  thresholds: thresholds(baseline),
};

export default function () {
  get(`/v1/search?q=${encodeURIComponent(terms[__ITER % terms.length])}`, 'search');
}
