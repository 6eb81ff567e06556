/** Public API of the register model: schemas, code lists, normalisation and validation. */
export * from './field-kinds';
export * from './code-lists';
export * from './ethnicities';
export * from './nationalities';
export * from './schemas';
export * from './normalize-field';
export * from './validate-entry';
export * from './issue-messages';
export type { Issue } from './issues';
