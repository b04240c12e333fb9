import { useRoute } from '../../app/router';
import { RoundListPage } from './RoundListPage';
import { RoundPage } from './RoundPage';
import { ScoringFormPage } from './ScoringFormPage';

/** 季度考评: #/rounds (list), #/rounds/2021Q3 (progress, workflow, results), #/rounds/2021Q3/c/12 (form). */
export function RoundsSection() {
  const { segments } = useRoute();
  const roundId = segments[1];
  if (!roundId) return <RoundListPage />;
  if (segments[2] === 'c' && segments[3]) {
    const assessor = segments[4] ? decodeURIComponent(segments[4]) : '';
    return (
      <ScoringFormPage
        key={`${roundId}/${segments[3]}/${assessor}`}
        roundId={roundId}
        communityId={Number(segments[3])}
        assessor={assessor}
      />
    );
  }
  return <RoundPage key={roundId} roundId={roundId} tab={segments[2] ?? 'progress'} />;
}
