export {
  BlobCollector,
  type BlobCollection,
  type BlobCollectionOptions,
} from './blob-collector.js';
