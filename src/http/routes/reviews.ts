// Review API: providers submit reports; reviewers of other organizations approve or reject them
// with reasons and the GB/T 42460 §6 checklist; the queue filters by state, provider and age.
import type { ReviewState } from '../../domain/index.js';
import type { Services } from '../../services/index.js';
import { reviewDecisionSchema } from '../../services/reviews/review-state.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { pageOf } from '../schemas/paging.js';
import {
  newReviewBody,
  reviewIdParams,
  reviewQueueQuery,
  reviewSchema,
} from '../schemas/provider-workflow.js';
import { storedReportRoute } from './stored-report.js';

export function reviewsRouter(services: Services): RouterDefinition {
  const reviews = services.reviews;
  const decision = (event: 'approve' | 'reject') =>
    defineRoute({
      method: 'post',
      path: `/reviews/:reviewId/${event}`,
      summary: `${event === 'approve' ? 'Approve' : 'Reject'} a report (reviewers of another organization)`,
      description:
        'Reasons are mandatory; the checklist follows GB/T 42460 §6 and must be all true to approve. An approval pins the report, artifact and policy hashes and the dataset revision, and is appended to the ledger.',
      tags: ['reviews'],
      auth: 'key',
      request: { params: reviewIdParams, body: reviewDecisionSchema },
      responses: { 200: { description: 'The decided review', body: reviewSchema } },
      handler: async ({ context, params, body }) => ({
        status: 200,
        body:
          event === 'approve'
            ? await reviews.approveReview(context, params.reviewId, body)
            : await reviews.rejectReview(context, params.reviewId, body),
      }),
    });
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/reviews',
        summary: "Submit a succeeded job's report for review",
        tags: ['reviews'],
        auth: 'key',
        request: { body: newReviewBody },
        responses: { 201: { description: 'Submitted', body: reviewSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await reviews.submitForReview(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/reviews',
        summary: 'The review queue (reviewers: other organizations; providers: their own)',
        tags: ['reviews'],
        auth: 'key',
        request: { query: reviewQueueQuery },
        responses: {
          200: { description: 'A page of reviews, oldest first', body: pageOf(reviewSchema) },
        },
        handler: async ({ context, query }) => ({
          status: 200,
          body: await reviews.listReviews(context, {
            ...query,
            states: query.state?.split(',') as ReviewState[] | undefined,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/reviews/:reviewId',
        summary: 'Read a review',
        tags: ['reviews'],
        auth: 'key',
        request: { params: reviewIdParams },
        responses: { 200: { description: 'The review', body: reviewSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await reviews.getReview(context, params.reviewId),
        }),
      }),
      storedReportRoute({
        path: '/reviews/:reviewId/report',
        summary: 'The report under review (JSON or self-contained HTML)',
        tags: ['reviews'],
        params: reviewIdParams,
        readReport: (context, params, format) =>
          reviews.getReviewReport(context, params.reviewId, format),
      }),
      decision('approve'),
      decision('reject'),
      defineRoute({
        method: 'post',
        path: '/reviews/:reviewId/withdraw',
        summary: 'Withdraw a pending review (the provider)',
        tags: ['reviews'],
        auth: 'key',
        request: { params: reviewIdParams },
        responses: { 200: { description: 'The review', body: reviewSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await reviews.withdrawReview(context, params.reviewId),
        }),
      }),
    ],
  };
}
