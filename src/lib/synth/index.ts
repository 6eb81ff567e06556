export { Rng, hashString } from './rng';
export { dateToWords, numberToWords } from './number-words';
export * from './people';
export * from './places';
export * from './entries';
export * from './residents';
