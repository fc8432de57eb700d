import { ErrorBody } from "@hvs/shared/api";
import { expect } from "vitest";

/** The response's status (with its body in the failure message), then its body through the contract. */
export async function expectJson<T>(response: Response, status: number, schema: { parse: (v: unknown) => T }): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}

/** The one error shape, with the expected code and a message a Vietnamese reader understands. */
export async function expectError(response: Response, status: number, code: string): Promise<void> {
  const body = await expectJson(response, status, ErrorBody);
  expect(body.code).toBe(code);
  expect(body.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
}
