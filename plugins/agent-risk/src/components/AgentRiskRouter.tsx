import { Route, Routes } from 'react-router-dom';
import { AgentRiskRankingPage } from './RankingPage';
import { RegisterAgentPage } from './RegisterPage';
import { DiscoveryPage } from './Discovery';

/** The plugin's pages: the ranking at its root, the register page at `/register`, discovery at `/discovery`. */
export function AgentRiskRouter() {
  return (
    <Routes>
      <Route path="/" element={<AgentRiskRankingPage />} />
      <Route path="/register" element={<RegisterAgentPage />} />
      <Route path="/discovery" element={<DiscoveryPage />} />
    </Routes>
  );
}
