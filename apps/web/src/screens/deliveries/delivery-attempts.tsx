import type { DeliveryAttempt } from '../../api/deliveries';
import { formatDateTime } from '../../format/dates';
import { HeaderList, BodyView } from './http-message';
import { attemptProblem, httpStatusText, isSuccessStatus } from './delivery-labels';
import { mediaType } from './readable-body';

/** Every attempt, oldest first, as the attempt log kept it: what was sent, what came back, how long it took. */
export function DeliveryAttempts({ attempts }: { attempts: readonly DeliveryAttempt[] }) {
  if (attempts.length === 0) {
    return (
      <section className="card">
        <h2 className="card__title">Attempts</h2>
        <p className="muted">Not attempted yet: the first attempt is queued.</p>
      </section>
    );
  }
  return (
    <section className="stack" aria-labelledby="attempts-title">
      <h2 className="section-title" id="attempts-title">
        Attempts
      </h2>
      <ol className="attempt-list">
        {attempts.map((attempt) => (
          <AttemptCard key={attempt.attempt} attempt={attempt} />
        ))}
      </ol>
    </section>
  );
}

function AttemptCard({ attempt }: { attempt: DeliveryAttempt }) {
  const { response } = attempt;
  const ok = !attempt.error && isSuccessStatus(response?.status);
  const problem = attemptProblem(attempt);
  const responseHeaders = response ? Object.entries(response.headers ?? {}).map(([name, value]) => ({ name, value })) : [];
  return (
    <li className={`card attempt ${ok ? 'attempt--ok' : 'attempt--bad'}`} data-testid="delivery-attempt">
      <div className="attempt__header">
        <h3 className="attempt__title">Attempt {attempt.attempt}</h3>
        <span className={`status ${ok ? 'status--delivery-succeeded' : 'status--delivery-failed'}`} data-testid="attempt-status">
          {response ? httpStatusText(response.status) : 'No answer'}
        </span>
        <span className="muted">
          {formatDateTime(attempt.at)} · {Math.round(attempt.durationMs)} ms
          {attempt.request.timeoutMs ? ` · timeout ${attempt.request.timeoutMs / 1000} s` : ''}
        </span>
      </div>
      {problem && (
        <p className="attempt__error" role="note">
          {problem}
        </p>
      )}
      {response && (
        <div className="attempt__response">
          <div className="stack stack--tight">
            <h4 className="subsection-title">Response headers</h4>
            <HeaderList headers={responseHeaders} empty="No headers logged." />
          </div>
          <div className="stack stack--tight">
            <h4 className="subsection-title">Response body</h4>
            {response.body === undefined ? (
              <p className="muted">Not logged. Turn on “Log response body” on the element to keep it.</p>
            ) : (
              <BodyView body={response.body} contentType={mediaType(response.headers)} truncated={response.bodyTruncated} testId="response-body" />
            )}
          </div>
        </div>
      )}
      <details className="attempt__request">
        <summary>Request as sent</summary>
        <div className="stack stack--tight">
          <p className="request-line request-line--static">
            <span className="method-badge">{attempt.request.method}</span>
            <span className="request-line__url request-line__url--wrap">{attempt.request.url}</span>
          </p>
          <HeaderList headers={attempt.request.headers} />
          <BodyView body={attempt.request.body} contentType={mediaType(attempt.request.headers)} />
        </div>
      </details>
    </li>
  );
}
