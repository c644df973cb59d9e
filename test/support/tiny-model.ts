import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

// Generates a tiny BERT-shaped sentence-embedding model in transformers.js layout
// (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) so the transformer
// engine's real code path — loading, tokenising, ONNX inference, pooling, caching, fusion — runs
// in tests without any download. The network is word embeddings + token-type embeddings, masked,
// through tanh: same inputs and output (last_hidden_state [batch, seq, hidden]) as BERT.

export interface TinyModelOptions {
  /** Words of the vocabulary (lower case); characters a–z are always added so any text tokenises. */
  words?: string[];
  hidden?: number;
  seed?: number;
}

const DEFAULT_WORDS = [
  'passport', 'boss', 'took', 'my', 'salary', 'not', 'paid', 'wage', 'money', 'register', 'registration',
  'permit', 'work', 'police', 'hotline', 'number', 'phone', 'lawyer', 'help', 'shelter', 'hello', 'thanks',
  'weather', 'football', 'kidney', 'sell', 'contract', 'deport', 'detained', 'child', 'kids',
];

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function floatTensor(name: string, dims: number[], values: Float32Array) {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer) });
}

function int64Tensor(name: string, values: number[]) {
  const raw = new BigInt64Array(values.map((v) => BigInt(v)));
  return onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(raw.buffer) });
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

/** Writes the model into `<parentDir>/<name>` and returns that folder. */
export function writeTinyBertModel(parentDir: string, name = 'tiny-bert', options: TinyModelOptions = {}): string {
  const hidden = options.hidden ?? 16;
  const rand = mulberry32(options.seed ?? 7);
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
  const words = [...new Set([...(options.words ?? DEFAULT_WORDS)].map((w) => w.toLowerCase()))];
  const tokens = [...special, ...words, ...letters, ...letters.map((l) => `##${l}`)];
  const vocab: Record<string, number> = Object.fromEntries(tokens.map((t, i) => [t, i]));

  const wordEmb = new Float32Array(tokens.length * hidden).map(() => rand() * 2 - 1);
  wordEmb.fill(0, 0, hidden); // [PAD] embeds to zero
  const typeEmb = new Float32Array(2 * hidden).map(() => (rand() * 2 - 1) * 0.01);

  const { INT64, FLOAT } = onnx.TensorProto.DataType;
  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    initializer: [
      floatTensor('word_embeddings', [tokens.length, hidden], wordEmb),
      floatTensor('token_type_embeddings', [2, hidden], typeEmb),
      int64Tensor('unsqueeze_axes', [2]),
    ],
    input: [
      valueInfo('input_ids', INT64, ['batch', 'sequence']),
      valueInfo('attention_mask', INT64, ['batch', 'sequence']),
      valueInfo('token_type_ids', INT64, ['batch', 'sequence']),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', hidden])],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'gather_words' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'gather_types' },
      { opType: 'Add', input: ['words', 'types'], output: ['summed'], name: 'add' },
      { opType: 'Tanh', input: ['summed'], output: ['activated'], name: 'tanh' },
      { opType: 'Cast', input: ['attention_mask'], output: ['mask_f'], name: 'cast', attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
      { opType: 'Unsqueeze', input: ['mask_f', 'unsqueeze_axes'], output: ['mask_3d'], name: 'unsqueeze' },
      { opType: 'Mul', input: ['activated', 'mask_3d'], output: ['last_hidden_state'], name: 'mask' },
    ].map((n) => onnx.NodeProto.create(n)),
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'haqq-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });

  const dir = join(parentDir, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: hidden, vocab_size: tokens.length }));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]' }));
  const specialToken = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: special.map(specialToken),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    }),
  );
  return dir;
}
