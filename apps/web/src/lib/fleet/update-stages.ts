import type { UpdateStage } from '@berth/api-contract';

/** The agent's steps of a container update, as the console names them. */
export const UPDATE_STAGE_LABELS: Record<UpdateStage, string> = {
  pulling: 'Pulling the image',
  stopping: 'Stopping the old container',
  creating: 'Creating the new container',
  starting: 'Starting the new container',
  waiting_healthy: 'Waiting until it is healthy',
  rolling_back: 'Rolling back to the old container',
  cleaning_up: 'Removing the old container',
};
