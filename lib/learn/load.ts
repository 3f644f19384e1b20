import modelJson from '../library/sentence-model.json' with { type: 'json' };
import { SentenceModel } from './model.js';

let defaultModel: SentenceModel | undefined;

/** The sentence classifier that ships with clausewatch (trained by `npm run train`). */
export function loadDefaultModel(): SentenceModel {
  defaultModel ??= SentenceModel.parse(modelJson);
  return defaultModel;
}
