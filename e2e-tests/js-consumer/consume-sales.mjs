// Reads tracktion.sales as a downstream team on JavaScript would: kafkajs (pure JavaScript) for Kafka, Confluent's
// official schema-registry client for the Confluent wire format, pointed at the registry's Confluent API.
// Prints one JSON array of the decoded sales, then exits; exit code 1 with the reason on stderr otherwise.
//
//   node consume-sales.mjs --bootstrap localhost:9092 --registry http://127.0.0.1:8085/apis/ccompat/v7 \
//        [--topic tracktion.sales] [--expect 500] [--timeout-ms 60000] [--records true]
//
// With --records true it reads any of our topics and prints each record whole (key, partition, offset, value).
import kafkajs from 'kafkajs';
import { AvroDeserializer, SchemaRegistryClient, SerdeType, SubjectNameStrategyType }
  from '@confluentinc/schemaregistry';
import avro from 'avsc';
import { decompress } from 'fzstd';

const { CompressionCodecs, CompressionTypes, Kafka, logLevel } = kafkajs;

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const topic = args.topic ?? 'tracktion.sales';
const expect = Number(args.expect ?? 1);
const timeoutMs = Number(args['timeout-ms'] ?? 60000);
const wholeRecords = args.records === 'true';
if (!args.bootstrap || !args.registry) {
  console.error('usage: node consume-sales.mjs --bootstrap HOST:PORT --registry URL [--topic T] [--expect N]');
  process.exit(2);
}

// Our topics are zstd-compressed; kafkajs has no codec of its own for it. fzstd is pure JavaScript.
CompressionCodecs[CompressionTypes.ZSTD] = () => ({
  compress: async () => { throw new Error('this consumer only reads'); },
  decompress: async (buffer) => Buffer.from(decompress(buffer)),
});

// Money is Avro decimal (bytes, two's complement, big-endian, scale in the schema): kept exact, as a string.
class DecimalType extends avro.types.LogicalType {
  _fromValue(buffer) {
    let unscaled = buffer.length > 0 && (buffer[0] & 0x80) ? -1n : 0n;
    for (const byte of buffer) unscaled = (unscaled << 8n) | BigInt(byte);
    const scale = this.scale ?? 0;
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  }
  _toValue() { throw new Error('this consumer only reads'); }
  constructor(schema, opts) { super(schema, opts); this.scale = schema.scale; }
}

// timestamp-micros: an ISO-8601 instant to the microsecond, as the API serves it.
class MicrosType extends avro.types.LogicalType {
  _fromValue(micros) {
    const big = BigInt(micros);
    const seconds = big / 1000000n;
    const fraction = (big % 1000000n).toString().padStart(6, '0');
    return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
  }
  _toValue() { throw new Error('this consumer only reads'); }
}

// axios waits forever by default: a registry request that hangs would stall the partition. Time out, retry.
const registry = new SchemaRegistryClient({ baseURLs: [args.registry], createAxiosDefaults: { timeout: 10000 },
  maxRetries: 5 });
// Our subjects are <topic>-value. Said explicitly: the client's default (ASSOCIATED) first asks the registry's
// "associations" API, which Apicurio does not have (404, then the fallback), on every new schema.
const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {
  subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
  logicalTypes: { decimal: DecimalType, 'timestamp-micros': MicrosType },
});

// kafkajs logs to stdout by default; stdout is for the result, so its log goes to stderr.
const toStderr = () => ({ namespace, level, log }) =>
  console.error(`kafkajs ${level === logLevel.ERROR ? 'ERROR' : 'WARN'} ${namespace}: ${log.message}`
    + (log.error ? ` (${log.error})` : ''));
const kafka = new Kafka({ clientId: 'tracktion-js-consumer', brokers: args.bootstrap.split(','),
  logLevel: logLevel.WARN, logCreator: toStderr });
const consumer = kafka.consumer({ groupId: `tracktion-js-consumer-${process.pid}-${Date.now()}` });
const sales = new Map();
const progress = {}; // partition -> { records, lastOffset }: what a timeout reports
let failure = null;

const run = () => new Promise((resolve) => {
  const timer = setTimeout(() => {
    console.error(`Timed out after ${timeoutMs} ms with ${sales.size} of ${expect} sales; per partition: `
      + JSON.stringify(progress));
    resolve();
  }, timeoutMs);
  consumer.on(consumer.events.CRASH, ({ payload }) => { failure = payload.error; resolve(); });
  consumer.run({
    eachMessage: async ({ message, partition }) => {
      const seen = progress[partition] ?? (progress[partition] = { records: 0, lastOffset: null });
      seen.records += 1;
      seen.lastOffset = message.offset;
      try {
        const bytes = message.value;
        const started = Date.now();
        const sale = await deserializer.deserialize(topic, bytes);
        if (Date.now() - started > 2000) {
          console.error(`Decoding offset ${message.offset} of partition ${partition} took ${Date.now() - started} ms`);
        }
        if (wholeRecords) {
          sales.set(`${partition}@${message.offset}`, { key: message.key?.toString('utf8') ?? null, partition,
            offset: message.offset, schemaId: bytes.readInt32BE(1), value: sale });
        } else sales.set(sale.saleId, {
          saleId: sale.saleId,
          schemaId: bytes.readInt32BE(1),
          magicByte: bytes[0],
          partition,
          soldAt: sale.soldAt,
          artist: sale.artist,
          title: sale.title,
          itemType: sale.itemType,
          currency: sale.currency,
          amountPaid: sale.amountPaid,
          amountPaidUsd: sale.amountPaidUsd,
          countryCode: sale.countryCode ?? null,
        });
      } catch (e) {
        failure = e;
        resolve();
      }
      if (sales.size >= expect) { clearTimeout(timer); resolve(); }
    },
  }).catch((e) => { failure = e; resolve(); });
});

try {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await run();
} finally {
  // Leaving the group can hang on a broker that is going away; the result does not wait for it.
  await Promise.race([consumer.disconnect().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
}
if (failure) {
  console.error(`Cannot read ${topic}: ${failure.stack ?? failure}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify([...sales.values()]) + '\n', () => process.exit(0));
