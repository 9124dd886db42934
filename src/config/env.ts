import { z } from "zod";

/** zod parsers shared by the settings modules: each error message says what is allowed. */
export const port = (error: string) =>
  z.coerce.number({ error }).int({ error }).min(0, { error }).max(65535, { error });

export const count = (min: number, max: number) => {
  const error = `expected a whole number ${min}..${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const flag = z
  .enum(["true", "false", "1", "0"], { error: "expected true or false" })
  .transform((v) => v === "true" || v === "1");
