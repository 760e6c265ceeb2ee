// Local-only k6 options merged into every suite when run through the compose k6 service.
export const localOptions = {
  insecureSkipTLSVerify: true,
  summaryTrendStats: ['avg', 'p(90)', 'p(95)', 'p(99)', 'max'],
};
