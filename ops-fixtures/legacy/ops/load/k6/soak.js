import { get, think } from './lib/requests.js';
import { thresholds } from './lib/config.js';

const baseline = JSON.parse(open('../baselines/soak.json'));
const genes = ['BRCA1', 'BRCA2', 'TP53', 'EGFR', 'KRAS', 'PTEN', 'APOE', 'CFTR'];

export const options = {
  scenarios: {
    browse: { executor: 'constant-vus', vus: 40, duration: '2h', exec: 'browse' },
    search: { executor: 'constant-vus', vus: 10, duration: '2h', exec: 'search' },
  },
  thresholds: thresholds(baseline),
};

export function browse() {
  const gene = genes[Math.floor(Math.random() * genes.length)];
  get(`/v1/genes/${gene}`, 'gene');
  think(1);
  get(`/v1/variants?gene=${gene}&limit=50`, 'variants');
  think(2);
}

export function search() {
  get(`/v1/search?q=${genes[__ITER % genes.length].toLowerCase()}`, 'search');
  think(3);
}
