// The reference side of the tokenizer cross-check: HuggingFace's tokenizers as transformers.js
// runs them, offline, on a local folder (tokenizer.json + tokenizer_config.json).
//   node tokenize.mjs FOLDER STRINGS.json [--add-special]
// prints a JSON array with the ids of each string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, AutoTokenizer } from '@huggingface/transformers';

const [folder, stringsFile, ...flags] = process.argv.slice(2);
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(path.resolve(folder)) + path.sep;

const tokenizer = await AutoTokenizer.from_pretrained(path.basename(path.resolve(folder)));
const addSpecial = flags.includes('--add-special');
const strings = JSON.parse(readFileSync(stringsFile, 'utf8'));
const ids = strings.map((text) => tokenizer.encode(text, { add_special_tokens: addSpecial }));
process.stdout.write(JSON.stringify(ids) + '\n');
