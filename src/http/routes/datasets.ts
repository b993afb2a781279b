// Datasets API (providers): Art. 10 metadata, streamed uploads as immutable revisions, profiles.
// No route returns raw content: a revision shows its profile and masked examples only.
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import {
  datasetIdParams,
  datasetSchema,
  metadataBody,
  newDatasetBody,
  revisionParams,
  revisionSchema,
  uploadQuery,
} from '../schemas/provider-workflow.js';
import { z } from 'zod';
import { mediaTypeOf, TABLE_UPLOAD_TYPES as UPLOAD_TYPES } from '../schemas/table-upload.js';

export function datasetsRouter(services: Services): RouterDefinition {
  const datasets = services.datasets;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/datasets',
        summary: 'Create a dataset with its Art. 10 catalog metadata',
        description:
          'Refused with 400 listing every missing field (reason `missing`); conditional and not-shared data need `legalBasis` (Art. 16).',
        tags: ['datasets'],
        auth: 'key',
        request: { body: newDatasetBody },
        responses: { 201: { description: 'Created', body: datasetSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await datasets.createDataset(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/datasets',
        summary: "List the organization's datasets",
        tags: ['datasets'],
        auth: 'key',
        responses: {
          200: { description: 'Datasets', body: z.object({ items: z.array(datasetSchema) }) },
        },
        handler: async ({ context }) => ({
          status: 200,
          body: { items: await datasets.listDatasets(context) },
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/datasets/:datasetId',
        summary: 'Read a dataset',
        tags: ['datasets'],
        auth: 'key',
        request: { params: datasetIdParams },
        responses: { 200: { description: 'The dataset', body: datasetSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await datasets.getDataset(context, params.datasetId),
        }),
      }),
      defineRoute({
        method: 'put',
        path: '/datasets/:datasetId/metadata',
        summary: 'Replace the Art. 10 metadata (a new revision when content exists)',
        tags: ['datasets'],
        auth: 'key',
        request: { params: datasetIdParams, body: metadataBody },
        responses: { 200: { description: 'The dataset', body: datasetSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await datasets.updateMetadata(context, params.datasetId, body),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/datasets/:datasetId/revisions',
        summary: 'Upload content as the next revision (streamed, encrypted at rest, profiled)',
        description:
          'The body is the file itself (CSV, JSON Lines or Arrow IPC; UTF-8 or GB18030), up to MAX_UPLOAD_BYTES (413 beyond).',
        tags: ['datasets'],
        auth: 'key',
        request: {
          params: datasetIdParams,
          query: uploadQuery,
          upload: {
            contentTypes: Object.keys(UPLOAD_TYPES),
            description: 'the table file; application/octet-stream needs ?format=',
          },
        },
        responses: { 201: { description: 'The new revision', body: revisionSchema } },
        handler: async ({ context, params, query, req }) => {
          const mediaType = mediaTypeOf(req);
          const length = req.get('content-length');
          const revision = await datasets.uploadRevision(context, params.datasetId, {
            content: req,
            format: query.format ?? UPLOAD_TYPES[mediaType] ?? mediaType,
            encoding: query.encoding,
            filename: query.filename,
            declaredSizeBytes: length === undefined ? undefined : Number(length),
          });
          return { status: 201, body: revision };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/datasets/:datasetId/revisions',
        summary: 'List revisions with their profiles',
        tags: ['datasets'],
        auth: 'key',
        request: { params: datasetIdParams },
        responses: {
          200: { description: 'Revisions', body: z.object({ items: z.array(revisionSchema) }) },
        },
        handler: async ({ context, params }) => ({
          status: 200,
          body: { items: await datasets.listRevisions(context, params.datasetId) },
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/datasets/:datasetId/revisions/:revision',
        summary: 'Read one revision: profile, findings and masked examples',
        tags: ['datasets'],
        auth: 'key',
        request: { params: revisionParams },
        responses: { 200: { description: 'The revision', body: revisionSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await datasets.getRevision(context, params.datasetId, params.revision),
        }),
      }),
    ],
  };
}
