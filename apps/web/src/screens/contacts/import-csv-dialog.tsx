import { type FormEvent, useId, useState } from 'react';
import { type ImportJobResult, startContactImport } from '../../api/contacts';
import type { Job } from '../../api/jobs';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { JobProgress } from '../../components/job-progress';
import { pluralise } from '../../format/numbers';
import { useJob } from '../../hooks/use-job';
import { ImportResultSummary } from './import-result-summary';

const BYTES_PER_KB = 1024;

function formatFileSize(bytes: number): string {
  if (bytes < BYTES_PER_KB) return `${bytes} B`;
  if (bytes < BYTES_PER_KB * BYTES_PER_KB) return `${(bytes / BYTES_PER_KB).toFixed(1)} KB`;
  return `${(bytes / BYTES_PER_KB / BYTES_PER_KB).toFixed(1)} MB`;
}

/**
 * Uploads a CSV file and follows its import job: rows processed and errors
 * as they are written, then the counts and the rows that failed.
 */
export function ImportCsvDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: () => void;
}) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [finished, setFinished] = useState<Job<ImportJobResult> | null>(null);
  const importing = useJob<ImportJobResult>();
  // While the file uploads the dialog stays open; once the server has it, closing leaves the import running.
  const uploading = importing.pending && !importing.job;
  const partial = !importing.pending && importing.error && importing.job ? importing.job : null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const done = await importing.run(() => startContactImport(file));
    if (done) setFinished(done);
    // Rows written before a failure are in the list too.
    onImported();
  };

  if (finished?.result) {
    return (
      <Dialog
        title="Import finished"
        onClose={onClose}
        size="large"
        footer={
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
            Done
          </button>
        }
      >
        <ImportResultSummary result={finished.result} failures={finished.errorSamples} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import contacts from CSV"
      onClose={onClose}
      busy={uploading}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={uploading}>
            {importing.pending ? 'Close' : 'Cancel'}
          </button>
          <button
            type="submit"
            form="import-csv-form"
            className="button button--primary"
            disabled={!file || importing.pending}
          >
            {importing.pending ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <form id="import-csv-form" className="stack" onSubmit={(event) => void onSubmit(event)}>
        <p>
          The first row names the columns: <code>email</code>, <code>firstName</code>,{' '}
          <code>lastName</code>, <code>phone</code>, <code>tags</code> (separated by <code>;</code>)
          and any custom field key. Contacts are matched by email: existing ones are updated, new
          ones created.
        </p>
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="file-input"
            disabled={importing.pending}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              importing.reset();
            }}
            data-autofocus
          />
          {file && (
            <p className="field__hint">
              {file.name} · {formatFileSize(file.size)}
            </p>
          )}
        </div>
        {importing.pending && (
          <>
            <JobProgress
              job={importing.job}
              unit="row"
              verb="imported"
              starting="Uploading the file…"
            />
            {importing.job && (
              <p className="muted">You can close this window: the import goes on.</p>
            )}
          </>
        )}
        <FormError error={importing.error} />
        {partial && partial.processed > 0 && (
          <p className="muted">
            {pluralise(partial.processed, 'row')} were handled before it stopped; importing the file
            again is safe.
          </p>
        )}
      </form>
    </Dialog>
  );
}
