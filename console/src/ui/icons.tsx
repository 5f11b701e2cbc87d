// Line icons drawn on a 20×20 grid; decorative, so hidden from assistive technology.
import type { JSX } from 'preact';

function Icon({ d, size = 18 }: { d: string; size?: number }): JSX.Element {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

export const PlusIcon = () => <Icon d="M10 4v12M4 10h12" />;
export const SearchIcon = () => (
  <Icon d="M8.5 14a5.5 5.5 0 1 1 0-11 5.5 5.5 0 0 1 0 11ZM12.5 12.5 17 17" />
);
export const CompareIcon = () => <Icon d="M3 4h5.5v12H3zM11.5 4H17v12h-5.5z" />;
export const SettingsIcon = () => (
  <Icon d="M8.6 2.5h2.8l.4 2 1.5.6 1.7-1.1 2 2-1.1 1.7.6 1.5 2 .4v2.8l-2 .4-.6 1.5 1.1 1.7-2 2-1.7-1.1-1.5.6-.4 2H8.6l-.4-2-1.5-.6-1.7 1.1-2-2 1.1-1.7-.6-1.5-2-.4V8.6l2-.4.6-1.5-1.1-1.7 2-2 1.7 1.1 1.5-.6zM10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z" />
);
export const MenuIcon = () => <Icon d="M3 5.5h14M3 10h14M3 14.5h14" />;
export const CloseIcon = () => <Icon d="M5 5l10 10M15 5 5 15" />;
export const SendIcon = () => <Icon d="M10 16V4M5 9l5-5 5 5" />;
export const StopIcon = () => <Icon d="M6 6h8v8H6z" />;
export const AttachIcon = () => (
  <Icon d="M15.5 9.5 10 15a3.5 3.5 0 0 1-5-5l6-6a2.3 2.3 0 0 1 3.3 3.3l-6 6a1.2 1.2 0 0 1-1.7-1.7L12 6" />
);
export const EditIcon = () => <Icon d="M12.5 4.5 15.5 7.5 7 16H4v-3zM11 6l3 3" />;
export const RegenerateIcon = () => (
  <Icon d="M15.5 8A6 6 0 0 0 4.6 6.5M4.5 12a6 6 0 0 0 10.9 1.5M4.5 3.5v3h3M15.5 16.5v-3h-3" />
);
export const CopyIcon = () => <Icon d="M7 7h9v9H7zM4 13V4h9" />;
export const TrashIcon = () => <Icon d="M4 6h12M8 6V4h4v2M5.5 6l.8 10h7.4l.8-10" />;
export const ChevronLeft = () => <Icon d="M12 5 7 10l5 5" size={14} />;
export const ChevronRight = () => <Icon d="M8 5l5 5-5 5" size={14} />;
export const ChevronDown = () => <Icon d="M5 8l5 5 5-5" size={14} />;
export const SlidersIcon = () => <Icon d="M4 6h6M14 6h2M4 14h2M10 14h6M12 4v4M8 12v4" />;
export const DownloadIcon = () => <Icon d="M10 3v10M6 9l4 4 4-4M4 16h12" />;
export const UploadIcon = () => <Icon d="M10 14V4M6 8l4-4 4 4M4 16h12" />;
export const WarningIcon = () => <Icon d="M10 3 2.5 16h15zM10 8v4M10 14.2v.1" />;
export const DotsIcon = () => <Icon d="M5 10h.01M10 10h.01M15 10h.01" />;
export const SignOutIcon = () => <Icon d="M8 4H4v12h4M12 6l4 4-4 4M16 10H8" />;
export const KeyIcon = () => <Icon d="M7.5 12.5a3.5 3.5 0 1 1 2.9-1.6L17 17.5M14 14.5l1.5-1.5" />;
export const FileIcon = () => <Icon d="M5 2.5h6l4 4v11H5zM11 2.5v4h4" />;
export const ChatIcon = () => <Icon d="M4 4h12v9H8l-4 3z" />;
export const ChartIcon = () => <Icon d="M3.5 16.5h13M6 13.5V9M10 13.5V5M14 13.5v-6" />;
