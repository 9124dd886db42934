import { constants, createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Command } from "commander";
import { type Config, loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { createEventBus } from "../events/index.js";
import { type NewUpload, parseUploadLine } from "../report/upload-list.js";
import { addUploads, type UploadCounts } from "../intake/upload.intake.js";
import { createLogger } from "../log.js";
import { eventBusOptions } from "./event-bus.options.js";

const format = `
An uploads list has one upload per line: "AUTHOR/Dist-Name-1.23.tar.gz 2026-11-28T10:00:00Z", the
time as ISO 8601 with its zone or epoch seconds; # starts a comment. New releases are added,
releases known only from their reports are completed, known uploads are left alone. uploadAdded is
published for every upload added or completed (through Redis when REDIS_URL is set). Importing the
same list again changes nothing. Invalid lines are reported on stderr and skipped; the exit status
is then 1.`;

/** Uploads written per statement: each batch commits, then its events are published. */
const BATCH = 1_000;

/** `uploads:import`: fills the uploads table from a CPAN uploads list. */
export function uploadsImportCommand(): Command {
  const command = new Command("uploads:import")
    .description("record the uploads of a CPAN uploads list")
    .argument("[file]", 'the uploads list, or "-" for stdin')
    .addHelpText("after", format)
    .action(async (file?: string) => {
      if (!file) {
        // A missing list is a usage error (2), told apart from a failed import (1).
        process.stderr.write(`usage: uploads:import <file | ->\n\n${command.helpInformation()}`);
        process.exitCode = 2;
        return;
      }
      await importUploads(loadConfig(), file);
    });
  return command;
}

async function importUploads(config: Config, file: string): Promise<void> {
  if (file !== "-") {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      // An operator's mistake, not a bug: one line, no stack.
      process.stderr.write(`error: cannot read the uploads list ${file}: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
  }
  const log = createLogger(config);
  const database = await openMigratedDatabase(config);
  const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
  const total: UploadCounts = { added: 0, completed: 0, unchanged: 0 };
  let invalid = 0;
  try {
    const lines = createInterface({
      input: file === "-" ? process.stdin : createReadStream(file),
      crlfDelay: Infinity,
    });
    let batch: NewUpload[] = [];
    const flush = async () => {
      const counts = await addUploads({ db: database.db, events }, batch);
      total.added += counts.added;
      total.completed += counts.completed;
      total.unchanged += counts.unchanged;
      batch = [];
    };
    let number = 0;
    for await (const line of lines) {
      number += 1;
      const upload = parseUploadLine(line);
      if (upload === null) continue;
      if ("error" in upload) {
        invalid += 1;
        process.stderr.write(`${file}:${number}: ${upload.error}\n`);
        continue;
      }
      batch.push(upload);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    await events.close();
    await database.close();
  }
  process.stdout.write(
    `${total.added} uploads added, ${total.completed} completed, ${total.unchanged} already known` +
      (invalid > 0 ? `; ${invalid} invalid lines skipped\n` : "\n"),
  );
  if (invalid > 0) process.exitCode = 1;
}
