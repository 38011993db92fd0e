import { type FormEvent, useId, useState } from 'react';
import { importContactsCsv, type ImportResult } from '../../api/contacts';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { ImportResultSummary } from './import-result-summary';

const BYTES_PER_KB = 1024;

function formatFileSize(bytes: number): string {
  if (bytes < BYTES_PER_KB) return `${bytes} B`;
  if (bytes < BYTES_PER_KB * BYTES_PER_KB) return `${(bytes / BYTES_PER_KB).toFixed(1)} KB`;
  return `${(bytes / BYTES_PER_KB / BYTES_PER_KB).toFixed(1)} MB`;
}

export function ImportCsvDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const upload = useAction(async (chosen: File) => importContactsCsv(await chosen.text()));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const answer = await upload.run(file);
    if (answer) {
      setResult(answer);
      onImported();
    }
  };

  if (result) {
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
        <ImportResultSummary result={result} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import contacts from CSV"
      onClose={onClose}
      busy={upload.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={upload.pending}>
            Cancel
          </button>
          <button type="submit" form="import-csv-form" className="button button--primary" disabled={!file || upload.pending}>
            {upload.pending ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <form id="import-csv-form" className="stack" onSubmit={(event) => void onSubmit(event)}>
        <p>
          The first row names the columns: <code>email</code>, <code>firstName</code>, <code>lastName</code>,{' '}
          <code>phone</code>, <code>tags</code> (separated by <code>;</code>) and any custom field key. Contacts are
          matched by email: existing ones are updated, new ones created.
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
            disabled={upload.pending}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              upload.reset();
            }}
            data-autofocus
          />
          {file && (
            <p className="field__hint">
              {file.name} · {formatFileSize(file.size)}
            </p>
          )}
        </div>
        {upload.pending && (
          <p className="muted" role="status">
            Uploading and importing; large files can take a minute.
          </p>
        )}
        <FormError error={upload.error} />
      </form>
    </Dialog>
  );
}
