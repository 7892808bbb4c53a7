import { Route, Routes } from 'react-router-dom';
import { AgentRiskRankingPage } from './RankingPage';
import { RegisterAgentPage } from './RegisterPage';

/** The plugin's pages: the ranking at its root, the register page at `/register`. */
export function AgentRiskRouter() {
  return (
    <Routes>
      <Route path="/" element={<AgentRiskRankingPage />} />
      <Route path="/register" element={<RegisterAgentPage />} />
    </Routes>
  );
}
