/**
 * The version of what turns a scan into field values: preprocessing, segmentation, the tesseract
 * engine and its `vie` model, and field post-processing. Readings are cached under it
 * (`result-cache.ts`), so bump it with any change that could make the same scan read differently
 * (a new tesseract.js or traineddata, a changed threshold or clean-up rule); otherwise every scan
 * read before keeps its old reading. Template edits need no bump: their content is in the key.
 */
export const OCR_ENGINE_VERSION = '6';
