// The parts of OpenAPI 3.1 the routes describe themselves with. Schemas are JSON Schema
// (2020-12), as OpenAPI 3.1 takes them; zod schemas give theirs through z.toJSONSchema.

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  summary: string;
  description?: string;
  operationId: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, { schema: JsonSchema }> };
  /** By status code ("200", "404"); errors can use errorResponse(). */
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}
