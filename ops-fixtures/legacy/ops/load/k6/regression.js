import { get, post, think } from './lib/requests.js';
import { thresholds } from './lib/config.js';

const baseline = JSON.parse(open('../baselines/regression.json'));
const mix = JSON.parse(open('../scenarios/scenarios.json')).scenarios;

export const options = {
  scenarios: {
    browse: { executor: 'constant-vus', vus: 10, duration: '10m', exec: 'browse' },
    search: { executor: 'constant-vus', vus: 10, duration: '10m', exec: 'search' },
    batch: { executor: 'constant-vus', vus: 5, duration: '10m', exec: 'batch' },
  },
  thresholds: thresholds(baseline),
};

function replay(name) {
  for (const req of mix[name].requests) {
    if (req.method === 'POST') post(req.path, req.body || {}, name);
    else get(req.path, name);
  }
  think(1);
}

export function browse() { replay('browse'); }
export function search() { replay('search'); }
export function batch() { replay('batch'); }
