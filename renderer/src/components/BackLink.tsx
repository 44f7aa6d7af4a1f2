import { Anchor, Group } from '@mantine/core';
import { IconArrowBack } from '@tabler/icons-react';
import { Link } from 'react-router';

/** "All meetings", "All NAP drafts"…: the way back to a list, its arrow turned with the reading direction. */
export function BackLink(props: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={props.to} size="sm" className="back-link">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowBack size={14} aria-hidden className="mirror-in-rtl" />
        {props.label}
      </Group>
    </Anchor>
  );
}
