import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../service/storage.js';

export interface S3Location {
  bucket: string;
  /** Key prefix, empty for the whole bucket; ends in "/" unless empty. */
  prefix: string;
}

/** `s3://bucket/some/prefix` → { bucket, prefix: "some/prefix/" }; null when it is not an s3:// URL. */
export function parseS3Url(url: string): S3Location | null {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) return null;
  const prefix = match[2] ?? '';
  return { bucket: match[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

/** An S3 client for AWS, or for an S3-compatible endpoint (the local pipeline) given by flag or S3_ENDPOINT. Credentials come from the environment. */
export function s3ClientFor(endpointUrl: string | undefined): S3Client {
  return createS3Client({ S3_ENDPOINT: endpointUrl ?? process.env.S3_ENDPOINT, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' });
}

export { listObjects, type ListedObject } from '../service/storage.js';

export { mapLimited } from '../lib/map-limited.js';
