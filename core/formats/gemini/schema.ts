import { z } from 'zod';

// Loose: Google adds fields, and clients send ones this gateway does not need.
const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z
    .looseObject({
      name: z.string(),
      args: z.record(z.string(), z.unknown()).nullish(),
      id: z.string().optional(),
    })
    .optional(),
  functionResponse: z
    .looseObject({
      name: z.string(),
      response: z.record(z.string(), z.unknown()).nullish(),
      id: z.string().optional(),
      parts: z.array(z.looseObject({})).optional(),
    })
    .optional(),
});

const contentSchema = z.looseObject({
  role: z.enum(['user', 'model', 'function'], { error: "role must be 'user' or 'model'" }).optional(),
  parts: z.array(partSchema, { error: 'parts must be an array of Part objects' }),
});

const functionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

const toolSchema = z.looseObject({ functionDeclarations: z.array(functionDeclarationSchema).optional() });

const thinkingSchema = z.looseObject({
  thinkingBudget: z.number().int().optional(),
  includeThoughts: z.boolean().optional(),
  thinkingLevel: z.string().optional(),
});

export const requestSchema = z.looseObject({
  contents: z.array(contentSchema, { error: "'contents' must be an array of Content objects" }),
  systemInstruction: z.union([z.string(), z.looseObject({ parts: z.array(partSchema) })]).optional(),
  tools: z.array(toolSchema).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({
          mode: z.enum(['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED']).optional(),
          allowedFunctionNames: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  generationConfig: z
    .looseObject({
      temperature: z.number().min(0).max(2).optional(),
      topP: z.number().min(0).max(1).optional(),
      topK: z.number().int().positive().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
      stopSequences: z.array(z.string()).optional(),
      candidateCount: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      presencePenalty: z.number().optional(),
      frequencyPenalty: z.number().optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.record(z.string(), z.unknown()).optional(),
      responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
      thinkingConfig: thinkingSchema.optional(),
    })
    .optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
});
