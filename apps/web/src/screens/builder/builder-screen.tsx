import '@xyflow/react/dist/style.css';
import '../../styles/builder.css';
import { ReactFlowProvider } from '@xyflow/react';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { loadBuilderData } from './builder-data';
import { CampaignBuilder } from './campaign-builder';
import { CustomFieldsContext } from './config/builder-fields';

/** /campaigns/:campaignId: loads the campaign and the workspace's custom fields, then opens the builder. */
export function BuilderScreen() {
  const { campaignId = '' } = useParams();
  const loaded = useRequest((signal) => loadBuilderData(campaignId, signal), `builder:${campaignId}`);
  useDocumentTitle(loaded.state.status === 'ready' ? loaded.state.data.campaign.name : 'Campaign');

  if (loaded.state.status !== 'ready') {
    return (
      <div className="builder-loading">
        {loaded.state.status === 'loading' ? (
          <LoadingState label="Opening the campaign…" />
        ) : (
          <div className="full-page__panel stack">
            <ErrorState
              error={loaded.state.error}
              onRetry={loaded.state.error.isNotFound ? undefined : () => loaded.reload()}
              title={loaded.state.error.isNotFound ? 'This campaign does not exist' : 'Could not open the campaign'}
            />
            <Link to="/campaigns">← All campaigns</Link>
          </div>
        )}
      </div>
    );
  }

  return (
    <CustomFieldsContext.Provider value={loaded.state.data.fields}>
      <ReactFlowProvider>
        <CampaignBuilder key={loaded.state.data.campaign.id} initial={loaded.state.data.campaign} />
      </ReactFlowProvider>
    </CustomFieldsContext.Provider>
  );
}
